"""Zalo's HTTP APIs as this service uses them: the OA message API and the OA token renewal."""
