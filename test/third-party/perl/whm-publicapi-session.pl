#!/usr/bin/perl
# The requests cPanel::PublicAPI 2.8 makes in its password ("session") mode, written
# anew over the same HTTP client (HTTP::Tiny, core Perl): cPanel::PublicAPI itself and
# its HTTP::CookieJar are not packaged here. What it does (lib/cPanel/PublicAPI.pm):
#   _establish_session: post_form(<scheme>://host:port/login, {user, pass}) through a
#     cookie jar; the security token is the second '/'-separated field of the answer's
#     Location header, else it dies "Failed to establish session and parse security token".
#   whm_api(fn, args): POST /<token>/json-api/<fn> with api.version=1 added, the form
#     keys sorted and URI-escaped, no Authorization header (the cookie carries the login).
# Usage: whm-publicapi-session.pl HOST PORT USER PASS FN[:key=value,...]...
# Prints one JSON line per call: {"call": fn, "status": http, "body": parsed or text}.
use strict;
use warnings;
use HTTP::Tiny ();
use JSON::PP ();

package MiniJar;
# The two methods HTTP::Tiny asks of a cookie jar (add, cookie_header); one host, names only.
sub new { return bless {}, shift }
sub add {
    my ( $self, $url, $header ) = @_;
    my ($pair) = split /;/, $header, 2;
    my ( $name, $value ) = split /=/, $pair, 2;
    $self->{$name} = $value if defined $value;
    return;
}
sub cookie_header {
    my ($self) = @_;
    return join '; ', map { "$_=$self->{$_}" } sort keys %$self;
}

package main;

my ( $host, $port, $user, $pass, @calls ) = @ARGV;
my $json = JSON::PP->new->canonical;
my $jar  = MiniJar->new;
my $ua   = HTTP::Tiny->new( agent => 'cPanel::PublicAPI/2.8 ', keep_alive => 0, timeout => 30, cookie_jar => $jar );

sub escape {
    my ($text) = @_;
    $text =~ s/([^A-Za-z0-9\-\._~])/sprintf('%%%02X', ord $1)/ge;
    return $text;
}

my $login = $ua->post_form( "http://$host:$port/login", { user => $user, pass => $pass } );
my $token = ( split /\//, ( $login->{headers}{location} // '' ) )[1];
if ( !$token ) {
    print $json->encode( { call => 'login', status => 0 + $login->{status}, error => "Failed to establish session and parse security token: $login->{status} $login->{reason}" } ), "\n";
    exit 2;
}
print $json->encode( { call => 'login', status => 0 + $login->{status}, token => $token, cookie => ( $jar->cookie_header =~ /^whostmgrsession=/ ? 1 : 0 ) } ), "\n";

for my $spec (@calls) {
    my ( $fn, $rest ) = split /:/, $spec, 2;
    my %form = ( 'api.version' => 1, map { split /=/, $_, 2 } grep { length } split /,/, ( $rest // '' ) );
    my $content = join '&', map { escape($_) . '=' . escape( $form{$_} ) } sort keys %form;
    my $resp = $ua->request( 'POST', "http://$host:$port/$token/json-api/$fn", { headers => {}, content => $content } );
    my $body = eval { JSON::PP::decode_json( $resp->{content} ) } // $resp->{content};
    print $json->encode( { call => $fn, status => 0 + $resp->{status}, body => $body } ), "\n";
}
