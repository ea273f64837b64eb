"""One module per console page; each adds its routes with `routes(router)`."""
