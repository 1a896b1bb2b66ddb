"""What tests/test_query_budgets.py and tests/test_no_500.py share: the budgets, how
each URL pattern is requested, and the world it is requested in."""
