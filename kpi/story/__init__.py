"""What a report says and shows, built once per plan and period: the summary, the notebook's sections, the
charts, and the figures saved with their manifest."""
