"""The site's templates (page template and theme), shipped inside the package as `generator.site`."""
