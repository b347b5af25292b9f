#!/usr/bin/perl
# Perl SOAP::Lite (no WSDL) calling a mockpanel test server the way ISPConfig users do.
# usage: perl soap-lite-calls.pl http://127.0.0.1:PORT/remote/index.php
# Prints one JSON object with what each call returned (or its fault).
use strict;
use warnings;
use SOAP::Lite;
use JSON::PP;

my $location = shift or die "usage: $0 LOCATION\n";
(my $uri = $location) =~ s/index\.php$//;

# A plain hashref goes out as a SOAP struct; ISPConfig needs an Apache Map, which SOAP::Lite only writes when asked.
sub as_map {
    my $h = shift;
    return SOAP::Data->type('apachens:Map')->value(\SOAP::Data->value(
        map { SOAP::Data->name(item => \SOAP::Data->value(SOAP::Data->name(key => $_)->type('string'), SOAP::Data->name(value => $h->{$_}))) }
        sort keys %$h));
}

my $soap = SOAP::Lite->uri($uri)->proxy($location);
$soap->serializer->register_ns('http://xml.apache.org/xml-soap', 'apachens');
$soap->on_fault(sub { my ($s, $r) = @_; return $r });

sub outcome {
    my $r = shift;
    return { transport => $soap->transport->status } unless ref $r;
    return { fault => [ $r->faultcode, $r->faultstring ] } if $r->fault;
    return { value => $r->result };
}

my %out;
my $login = $soap->login('admin', 'secret');
$out{login} = outcome($login);
my $sid = $login->result;
$out{client_get} = outcome($soap->client_get($sid, 1));
$out{sites_web_domain_get} = outcome($soap->sites_web_domain_get($sid, as_map({ domain => 'example.com' })));
$out{sites_web_domain_update} = outcome($soap->sites_web_domain_update($sid, 0, 1, as_map({ php => 'php-fpm', active => 'y' })));
$out{echo_struct} = outcome($soap->echo_params({ php => 'php-fpm' }));
$out{login_failed} = outcome($soap->login('admin', 'wrong'));
$out{logout} = outcome($soap->logout($sid));
print JSON::PP->new->utf8->canonical->encode(\%out), "\n";
