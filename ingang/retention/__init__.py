"""Retention (gallring): rules, exemptions, the scheduled erasure job."""
