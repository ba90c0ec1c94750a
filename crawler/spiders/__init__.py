"""The project's spiders."""

#: Request meta for answers a site may not have (feeds, the REST API, oEmbed): their 4xx reach the callback,
#: to be counted there, rather than being dropped as errors.
OPTIONAL = {"handle_httpstatus_list": [400, 401, 403, 404, 410]}
