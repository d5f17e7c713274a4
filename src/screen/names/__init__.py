"""Name handling: normalization, romanization (Han, Wade-Giles, Cantonese, Cyrillic,
Arabic, ...) and comparison."""
