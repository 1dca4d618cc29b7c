"""Officer pages of the dossier engine."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def queue(request):
    return render(request, "procedures/queue.html", {})
