import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dump(client, city_with_store, users):
    client.force_login(users["leader"])
    r = client.get(reverse("monitoring:report", args=["docx"]), {"month": "2012-06"})
    open("/tmp/wt19/small.docx", "wb").write(r.content)
    r = client.get(reverse("monitoring:index"), {"month": "2012-06"})
    open("/tmp/wt19/small.html", "wb").write(r.content)
    for k, v in r.context["prose"].items():
        print(k, v)
