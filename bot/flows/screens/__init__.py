"""The screens beside the flows (menu, My data, My profile, the roadmap's views, ...): one
module each, declared once, found by place name in `registry.SCREENS`."""
