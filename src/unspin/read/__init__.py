"""Read inputs of every supported format and extract articles from them."""
