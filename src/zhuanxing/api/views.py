"""The token page: each user makes, sees and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import TokenCreateForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke


@login_required
def token_list(request):
    form = TokenCreateForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _row, new_token = api_token_create(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = TokenCreateForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request, "api/tokens.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token is revoked."))
    return redirect("api_tokens")
