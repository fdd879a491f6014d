from django import template

register = template.Library()


@register.filter
def page_url(listing, number) -> str:
    """`{{ listing|page_url:n }}`: the URL of page n, keeping search and sort."""
    return listing.url_for_page(number)
