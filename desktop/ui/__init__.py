"""The Qt user interface: views build widgets, controllers decide, models adapt."""
