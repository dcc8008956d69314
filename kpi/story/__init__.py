"""What a report says and shows, built once per plan and period: the story (``story.tell``: the summary and the
sections by the plan's groups, which the notebook's HTML, the Word report and the slides lay out), the sentences
(``sections``), the charts, and the figures saved with their manifest."""
