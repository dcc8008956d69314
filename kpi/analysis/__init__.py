"""The analyst's questions, one module each: what changed between two periods (``changes``), one target in depth
(``dossier``), one department's targets (``department``), the verdicts under other assumptions (``whatif``), and
picking a target, an owner or a period by its name (``names``). Each returns frames and figures; none prints."""
