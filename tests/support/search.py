"""The public site search as a visitor sees it."""

from bs4 import BeautifulSoup


def results(client, query, **params):
    """GET /zoeken/; returns the response, the parsed page and the titles of the results."""
    response = client.get("/zoeken/", {"q": query, **params})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return response, soup, [item.h2.get_text(strip=True) for item in soup.select(".search-results__item")]
