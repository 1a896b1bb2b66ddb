from community.services.profiles import profile_ensure, profile_update

__all__ = ["profile_ensure", "profile_update"]
