# The Gandi Hosting 1.0 user case "Creation of a Gandi server", written as the
# doc's Python samples are (seed 001), with Python 3's xmlrpc.client in place
# of Python 2's xmlrpclib. usage: python3 user_case.py URL
import sys
import time
import pprint
import xmlrpc.client as xmlrpclib

proxy = xmlrpclib.ServerProxy(sys.argv[1])

try:
    session = proxy.login("AA1234-GANDI", "mypassword", True)
except xmlrpclib.Fault as e:
    print("could not login because: " + e.faultString)
    sys.exit(67)


def wait(opid):
    # Not in the doc's samples: operations are asynchronous, so poll until they end.
    while True:
        opdetails = proxy.operation_details(session, opid)
        if opdetails["state"] in ("DONE", "ERROR", "CANCEL"):
            print("operation#%s %s" % (opid, opdetails["state"]))
            return opdetails
        time.sleep(0.05)


# step 1: add resources via the hosting_account_product_add method
try:
    opid = proxy.hosting_account_product_add(session, 'shares', 4, '1m')
    print("created operation#%s" % (opid,))
except xmlrpclib.Fault as e:
    print("could not create a hosting_account_product_add operation: %s" % (e.faultString,))
    sys.exit(1)
wait(opid)

# step 2: verify that your shares are available via the hosting_account_info method
try:
    info = proxy.hosting_account_info(session)
    pprint.pprint(info)
except xmlrpclib.Fault as e:
    print("could not get information for hosting account: %s" % (e.faultString,))
    sys.exit(1)
print("available shares: %d" % info["resources"]["available"]["shares"])

# step 3: choose the OS via os_list and create the server with vm_create
try:
    oslst = proxy.os_list(session)
    print("OS images:")
    pprint.pprint(oslst)
except xmlrpclib.Fault as e:
    print("could not retrieve the list of OS images because: %s" % (e.faultString,))
    sys.exit(1)
os_id = [image["id"] for image in oslst if image["id"] == 111][0]

hostname = 'vmtest1'
password = 'my_password'
shares = 4
cpu = 1
specs = {'login': 'gandi'}
try:
    vm_id = proxy.vm_create(session, hostname, password, os_id, shares, cpu, specs)
    print("creating VM#%d" % (vm_id,))
except xmlrpclib.Fault as e:
    print("could not create VM because: %s" % (e.faultString,))
    sys.exit(1)
for opid in proxy.operation_list(session, {'type': 'vm_create'}):
    if proxy.operation_details(session, opid)["param"]["vm_id"] == vm_id:
        wait(opid)

# step 4: create a data disk via the disk_create method
size = 2048
name = 'disk2GB'
fstype = 'ext3'
try:
    disk_id = proxy.disk_create(session, {'size': size, 'name': name, 'fstype': fstype})
    print("creating disk#%d" % (disk_id,))
except xmlrpclib.Fault as e:
    print("could not create disk because: %s" % (e.faultString,))
    sys.exit(1)
for opid in proxy.operation_list(session, {'type': 'disk_create', 'state': 'ALL'}):
    if proxy.operation_details(session, opid)["param"]["disk_id"] == disk_id:
        wait(opid)

# step 5: attach your disk to your server using the disk_attach method
try:
    opid = proxy.disk_attach(session, disk_id, vm_id)
    print("created operation#%s" % (opid,))
except xmlrpclib.Fault as e:
    print("could not create a disk_attach operation for disk#%s on VM#%s because: %s" % (disk_id, vm_id, e.faultString,))
    sys.exit(1)
wait(opid)

# A fault, caught the doc's way.
try:
    proxy.vm_delete(session, vm_id)
except xmlrpclib.Fault as e:
    print("could not create a vm_delete operation for VM#%s because: %s" % (vm_id, e.faultString,))
    print("faultCode %d" % (e.faultCode,))
