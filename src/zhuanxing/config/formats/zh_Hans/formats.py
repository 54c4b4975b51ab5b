# Statistical tables in Chinese government practice group digits by thousands (1,234,567),
# as Excel does; Django's zh_Hans default has no separator.
from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
