"""The WebFaction API reference's own example (seed § create_domain,
§ create_website), written as its users wrote it with xmlrpclib, reading the
endpoint and login from the environment `mockpanel run` provides. Prints the
answers as JSON on stdout."""
import json
import os
import xmlrpc.client as xmlrpclib

server = xmlrpclib.ServerProxy(os.environ['MOCKPANEL_WEBFACTION_URL'])
session_id, account = server.login(os.environ['MOCKPANEL_WEBFACTION_USERNAME'], os.environ['MOCKPANEL_WEBFACTION_PASSWORD'])
domain = server.create_domain(session_id, 'widgetcompany.example', 'www', 'design')
website = server.create_website(session_id, 'widgets_on_the_web', '174.133.82.194', False, ['widgetcompany.example', 'www.widgetcompany.example'])
print(json.dumps({'account': account['username'], 'domain': domain, 'website': website}))
