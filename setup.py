"""Packaging beside pyproject.toml for the one thing it cannot say: content/ stays at the top
of the checkout, where its writers find it, and is shipped inside the package as bot/content,
so an installed Brug (`pip install .`, the Docker image) finds its flows and pages."""

from setuptools import find_namespace_packages, setup

# Namespace packages too: the catalogs' folders (bot/i18n/locales/...) have no __init__.py.
packages = find_namespace_packages(include=["bot", "bot.*"], exclude=["*.__pycache__"])

setup(
    packages=[*packages, "bot.content"],
    package_dir={"bot.content": "content"},
)
