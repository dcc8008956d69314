"""One module per output format (html, pdf, docx, pptx, xlsx, csv, terminal) behind a small registry."""
