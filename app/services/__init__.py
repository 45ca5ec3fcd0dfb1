"""Use cases: the one way in for the GUI, the command line and the tests."""
