"""Words, numbers and looks: every vi/en text (labels), numbers written the Vietnamese way (formatting) and as
people type them (numbers), colours and fonts (theme), the status table (status), text made safe (safetext)."""
