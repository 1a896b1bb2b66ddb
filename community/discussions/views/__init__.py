"""Pages of the discussion board: boards.py (the boards, a board's threads,
starting a thread), threads.py (a thread's page, watching), posts.py (what
members and moderators do to a post); thread_rows.py the rows of threads that a
board's page and a topic's page list."""
