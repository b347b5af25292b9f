#!/usr/bin/perl
# ISPConfig's remote API from Perl SOAP::Lite without WSDL. Associative arrays must be sent as explicit
# apache ns2:Map values (a plain hashref becomes a SOAP struct, which PHP decodes as stdClass).
# Prints one JSON line per step. usage: perl soap_lite.pl <base url> <user> <password>
use strict; use warnings;
use SOAP::Lite;
use JSON::PP;
my ($base, $user, $password) = @ARGV;
my $json = JSON::PP->new->canonical->allow_nonref;

sub soap {
  my $s = SOAP::Lite->uri("$base/remote/")->proxy("$base/remote/index.php");
  $s->serializer->register_ns('http://xml.apache.org/xml-soap', 'apachens');
  $s->on_fault(sub { return $_[1] });
  return $s;
}
my $soap = soap();

# An apache Map: item/key/value elements, keys typed as strings.
sub as_map {
  my $h = shift;
  return SOAP::Data->type('apachens:Map')->value(\SOAP::Data->value(
    map { SOAP::Data->name(item => \SOAP::Data->value(SOAP::Data->name(key => $_)->type('string'), SOAP::Data->name(value => $h->{$_}))) } sort keys %$h));
}

sub step {
  my ($label, $som) = @_;
  if (!ref $som) { print $json->encode({ step => $label, transport => "$som" }), "\n"; return undef; }
  if ($som->fault) { print $json->encode({ step => $label, fault => [$som->faultcode, $som->faultstring] }), "\n"; return undef; }
  my $r = $som->result;
  print $json->encode({ step => $label, ok => $r }), "\n";
  return $r;
}

my $sid = step('login', $soap->login($user, $password));
my $cid = step('client_add', $soap->client_add($sid, 0, as_map({
  contact_name => 'Perl Client', email => 'perl@example.com', username => 'perlclient', password => 'S3cret!pass-7',
  language => 'en', web_php_options => 'no,fast-cgi,php-fpm', ssh_chroot => 'no,jailkit' })));
step('client_get', $soap->client_get($sid, SOAP::Data->type(int => $cid)));
step('client_get filter', $soap->client_get($sid, as_map({ username => 'perlclient' })));
my $zone = step('dns_zone_add', $soap->dns_zone_add($sid, SOAP::Data->type(int => $cid), as_map({
  server_id => 1, origin => 'perl-example.test.', ns => 'ns1.perl-example.test.', mbox => 'hostmaster.perl-example.test.',
  serial => 2024010101, refresh => 7200, retry => 540, expire => 604800, minimum => 3600, ttl => 3600, active => 'Y' })));
step('dns_zone_get_id', $soap->dns_zone_get_id($sid, 'perl-example.test'));
step('dns_a_add', $soap->dns_a_add($sid, 0, as_map({ server_id => 1, zone => $zone, name => 'www', type => 'A', data => '192.0.2.44', ttl => 3600, active => 'Y' })));
step('dns_zone_update map', $soap->dns_zone_update($sid, 0, SOAP::Data->type(int => $zone), as_map({ refresh => 3600 })));
step('dns_zone_update hashref', $soap->dns_zone_update($sid, 0, SOAP::Data->type(int => $zone), { refresh => 1800 }));
step('logout', $soap->logout($sid));
step('login wrong', soap()->login($user, 'wrong'));
