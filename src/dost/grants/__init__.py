"""Support programmes (e.g. Resolution 43/2022/NQ-HĐND): contents, levels, envelopes, decisions, payments."""
