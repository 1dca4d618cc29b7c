from django.conf import settings


def dost(request):
    return {"DOST_DEMO": settings.DOST_DEMO}
