"""GOV.UK Notify: texts and emails through one passthrough template each, its delivery
receipts and the texts it receives (decision 42)."""
