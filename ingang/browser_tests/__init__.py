"""Browser tests: the real pages in Debian's chromium, with axe-core accessibility scans."""
