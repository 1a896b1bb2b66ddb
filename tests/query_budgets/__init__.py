"""What test_query_budgets.py and test_no_500.py share: budgets, requests, world."""
