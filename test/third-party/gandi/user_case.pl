#!/usr/bin/perl
# The Gandi Hosting 1.0 user case "Creation of a Gandi server", written as the
# doc's Perl samples are (seed 001), with XMLRPC::Lite (Debian libxmlrpc-lite-perl).
# The samples' `$specs["login"]` is not valid Perl for a hash; `$specs->{login}` is.
# usage: perl user_case.pl URL
use strict;
use warnings;
use XMLRPC::Lite;
use Data::Dumper;
$Data::Dumper::Sortkeys = 1;

my $safe_mode = XMLRPC::Data->type('boolean')->value(1);
my $proxy = XMLRPC::Lite->proxy($ARGV[0]);
my $reply = $proxy->call("login", "AA1234-GANDI", "mypassword", $safe_mode);
my $session = $reply->result();
die "could not login because: " . $reply->faultstring . "\n" unless defined $session;

# Not in the doc's samples: operations are asynchronous, so poll until they end.
sub wait_for {
    my ($opid) = @_;
    while (1) {
        my $opdetails = $proxy->call("operation_details", $session, $opid)->result();
        die "could not retrieve operation #$opid details\n" unless defined $opdetails;
        if ($opdetails->{state} =~ /^(DONE|ERROR|CANCEL)$/) {
            printf "operation#%s %s\n", $opid, $opdetails->{state};
            return $opdetails;
        }
        select(undef, undef, undef, 0.05);
    }
}

sub creation_of {
    my ($type, $key, $id) = @_;
    my $oplist = $proxy->call("operation_list", $session, { type => $type })->result();
    for my $opid (@$oplist) {
        my $opdetails = $proxy->call("operation_details", $session, $opid)->result();
        return wait_for($opid) if $opdetails->{param}{$key} == $id;
    }
    die "no $type operation for $key $id\n";
}

# step 1: add resources via the hosting_account_product_add method
$reply = $proxy->call("hosting_account_product_add", $session, "shares", 4, "1m");
my $opid = $reply->result();
unless (defined $opid) {
    printf "could not create a hosting_account_product_add operation because: %s\n", $reply->faultstring;
    exit 1;
}
printf "created operation#%s\n", $opid;
wait_for($opid);

# step 2: verify that your shares are available via the hosting_account_info method
$reply = $proxy->call("hosting_account_info", $session);
my $info = $reply->result();
unless (defined $info) {
    printf "could not get information for hosting account: %s\n", $reply->faultstring;
    exit 1;
}
print Dumper($info);
printf "available shares: %d\n", $info->{resources}{available}{shares};

# step 3: choose the OS via os_list and create the server with vm_create
$reply = $proxy->call("os_list", $session);
my $oslst = $reply->result();
unless (defined $oslst) {
    print "could not retrieve the list of OS images because: " . $reply->faultstring . "\n";
    exit 1;
}
my ($os_id) = map { $_->{id} } grep { $_->{id} == 111 } @$oslst;

my $hostname = "vmtest1";
my $password = "my_password";
my $shares = 4;
my $cpu = 1;
my $specs = {};
$specs->{login} = "gandi";
$reply = $proxy->call("vm_create", $session, $hostname, $password, $os_id, $shares, $cpu, $specs);
my $vm_id = $reply->result();
unless (defined $vm_id) {
    printf "could not create VM because: %s\n", $reply->faultstring;
    exit 1;
}
printf "creating VM#%d\n", $vm_id;
creation_of("vm_create", "vm_id", $vm_id);

# step 4: create a data disk via the disk_create method
my $disk_specs = {};
$disk_specs->{size} = 2048;
$disk_specs->{name} = "disk2GB";
$disk_specs->{fstype} = "ext3";
$reply = $proxy->call("disk_create", $session, $disk_specs);
my $disk_id = $reply->result();
unless (defined $disk_id) {
    printf "could not create disk because: %s\n", $reply->faultstring;
    exit 1;
}
printf "creating disk#%d\n", $disk_id;
creation_of("disk_create", "disk_id", $disk_id);

# step 5: attach your disk to your server using the disk_attach method
$reply = $proxy->call("disk_attach", $session, $disk_id, $vm_id);
$opid = $reply->result();
unless (defined $opid) {
    printf "could not create a disk_attach for disk#%s on VM#%s operation because: %s\n", $disk_id, $vm_id, $reply->faultstring;
    exit 1;
}
printf "created operation#%s\n", $opid;
wait_for($opid);

# A fault, checked the doc's way: XMLRPC::Lite does not die, result() is undefined.
$reply = $proxy->call("vm_delete", $session, $vm_id);
unless (defined $reply->result()) {
    printf "could not create a vm_delete for VM#%s operation because: %s\n", $vm_id, $reply->faultstring;
    printf "faultCode %d\n", $reply->faultcode;
}
