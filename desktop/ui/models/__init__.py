"""Qt item models adapting repository rows and core results for views."""
