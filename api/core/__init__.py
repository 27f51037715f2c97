"""The infrastructure every domain package stands on: settings, the database and its
transactions, errors, encryption and the audit trail."""
