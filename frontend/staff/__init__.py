"""The staff side: sign-in and the dashboard pages, on the services the API uses."""
