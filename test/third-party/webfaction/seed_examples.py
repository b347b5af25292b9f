"""The WebFaction API reference's own examples (seed 000), run with Python's
xmlrpc.client (the docs' xmlrpclib) against the URL given as argv[1].
Prints one JSON object: each example's answer, so the test can compare it to
the documented one. The documents' examples assume state they do not create
(the apps `django` and `wordpress`, the subdomain `dev`); those steps are
marked "setup"."""
import json
import sys
import xmlrpc.client as xmlrpclib

server = xmlrpclib.ServerProxy(sys.argv[1])
out = {}

# Seed § create_domain.
session_id, account = server.login('widgetsco', 'widgetsrock')
out['login_account'] = account
out['create_domain'] = server.create_domain(session_id, 'widgetcompany.example', 'www', 'design')

# setup: what the website examples refer to.
server.create_domain(session_id, 'widgetcompany.example', 'dev')
server.create_app(session_id, 'django', 'django102_mp331_25', False, '')
server.create_app(session_id, 'wordpress', 'wordpress_380', False, '')

# Seed § create_website.
session_id, account = server.login('widgetsco', 'widgetsrock')
out['create_website'] = server.create_website(session_id,
    'widgets_on_the_web',
    '174.133.82.194',
    True,
    ['widgetcompany.example', 'www.widgetcompany.example'],
    ['django', '/'])

# Seed § update_website.
session_id, account = server.login('widgetsco', 'widgetsrock')
out['update_website'] = server.update_website(session_id,
    'widgets_on_the_web',
    '174.133.82.195',
    True,
    ['widgetcompany.example', 'dev.widgetcompany.example'],
    ('django', '/'), ('wordpress', '/blog'))

# Seed § replace_in_file (the document calls the session `sid` there).
session_id, account = server.login('widgetsco', 'widgetsrock')
sid = session_id
server.write_file(sid, 'myfile.txt', 'eggs, spam, spam, and spam.\nspam, spam, spam, and eggs.\n', 'w')
out['replace_in_file'] = server.replace_in_file(sid, 'myfile.txt', ('eggs', 'spam'))
out['cat_myfile'] = server.system(sid, 'cat myfile.txt')

# A fault reaches Python as xmlrpc.client.Fault (seed § system: stderr becomes a fault).
try:
    server.system(sid, 'cat no-such-file.txt')
    out['fault'] = None
except xmlrpclib.Fault as fault:
    out['fault'] = {'faultCode': fault.faultCode, 'faultString': fault.faultString}

print(json.dumps(out, sort_keys=True))
