default_app_config = "address.apps.AddressConfig"
