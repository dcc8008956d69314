"""One plan and one period into a folder of documents: the report notebook run by papermill (execute), the
exporters, and the folder replaced whole (swap); many reports in parallel (report)."""
