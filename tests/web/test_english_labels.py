"""Issue 13: English pages take names, units and texts from the English fields of the policy
file and the reference data, Chinese pages the Chinese ones (one language at a time)."""

import pytest
from django.urls import reverse
from django.utils import translation

from zhuanxing.policy.active import policy_in_force
from zhuanxing.reporting.importing.formats import TEMPLATES


def test_policy_labels_follow_the_language():
    policy = policy_in_force()
    ind = policy.indicators["va_per_mu"]
    target = next(t for t in policy.targets if t.key == "industrial_value_added")
    category = policy.categories_1244["textiles"]
    rules = policy.tax.rule_set(2012)
    with translation.override("zh-hans"):
        assert (ind.label, ind.unit_label) == ("亩均工业增加值", "万元/亩")
        assert target.label == "工业增加值达到1500亿元以上" and category.label == category.name
        assert rules.basis_label.standard_rate == "企业所得税法 第四条"
    with translation.override("en"):
        assert (ind.label, ind.unit_label) == ("Industrial value added per mu", "10,000 yuan/mu")
        assert target.label == "Industrial value added of 150 billion yuan or more"
        assert category.label == category.name_en
        assert rules.basis_label.standard_rate == "Enterprise Income Tax Law, Art. 4"
        assert rules.basis_text("企业所得税法 第四条") == "Enterprise Income Tax Law, Art. 4"


def test_every_policy_unit_and_citation_has_its_english():
    policy = policy_in_force()
    assert all(i.unit_en for i in policy.indicators.values())
    assert all(t.text_en for t in policy.targets)
    assert all(r.basis_en is not None for r in policy.tax.rule_sets)


def test_template_columns_have_english_labels_and_units():
    for template in TEMPLATES.values():
        with translation.override("en"):
            for column in template.columns:
                assert column.label_text != column.label, column.label
                assert not column.unit or column.unit_text, column.unit
            assert template.title_text == template.title_en
        with translation.override("zh-hans"):
            assert [c.header_text for c in template.columns] == [c.header for c in template.columns]


@pytest.mark.django_db
def test_enterprise_page_in_english_names_the_division_in_english(client, city, users):
    from zhuanxing.enterprises.models import Enterprise

    firm = Enterprise.objects.filter(industry_code__startswith="38").first()
    client.force_login(users["admin"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("enterprises:detail", args=[firm.pk])).content.decode()
    assert "Manufacture of electrical machinery and equipment" in html
    assert "电气机械和器材制造业" not in html
