from django import template

from pages.menu import menu_pages

register = template.Library()


@register.simple_tag
def opd_menu_pages():
    return menu_pages()
