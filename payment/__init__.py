default_app_config = "payment.apps.PaymentConfig"
