from receipts import create_app

app = create_app()
