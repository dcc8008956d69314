"""Files people type and return: the YAML plan (yamlfile, planfile), the figures (observations), the sheets a
department fills (workbook, template) and their collection into the plan folder (collection, revisions)."""
