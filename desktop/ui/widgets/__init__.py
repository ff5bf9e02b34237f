"""Reusable widgets: the timeline, stage icons, validated fields."""
