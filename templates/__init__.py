"""The site's theme (Pelican templates, CSS, scripts), shipped inside the package as `generator.site`."""
