#!/usr/bin/perl
# judgments_gen.pl FIXTURES_DIR OUT_DIR N: writes N Akoma Ntoso files to
# OUT_DIR, made from the five fixtures of FIXTURES_DIR (N/5 of each, round
# robin) for tests/bench/run.sh, to be loaded with `casegate-admin judgments
# import OUT_DIR`. Each copy gets, derived from its index i (the same on every
# run):
#   - a new neutral citation: year 2001 + i mod 24, number 10000 + k*N + i
#     (k = the fixture), unique over the whole set and never a fixture's own;
#     the FRBR URIs, uk:year, uk:number and FRBRnumber follow it;
#   - a new work date (in the new year) and a new transform date (2026);
#   - one party's name changed (a letter suffix: "pitalia" -> "pitaliabcd"),
#     wherever it appears (parties, title, text);
#   - one word of the body changed ("the" -> "thebcd", its first occurrence);
#   - no <uk:hash> (it would no longer match: a warning per file otherwise).
# One perl process: seconds for 10,000 files, where 10,000 seds take minutes.
use strict;
use warnings;

my ($src, $out, $n) = @ARGV;
die "usage: $0 FIXTURES_DIR OUT_DIR N\n" unless defined $n && $n =~ /^[1-9][0-9]*$/;

# file => [year, number, uri path, cite, work date, transform date, party word]
my @fx = (
	[ 'uksc-2013-32.xml', 2013, 32, 'uksc/2013/32', '[2013] UKSC 32',
	  '2013-05-22', '2024-08-13T18:31:28', 'mckee' ],
	[ 'ukut-lc-2022-26.xml', 2022, 26, 'ukut/lc/2022/26', '[2022] UKUT 26 (LC)',
	  '2022-02-01', '2024-08-12T19:21:29', 'gill' ],
	[ 'ewca-civ-2023-657.xml', 2023, 657, 'ewca/civ/2023/657', '[2023] EWCA Civ 657',
	  '2023-06-09', '2026-01-22T09:58:33', 'pitalia' ],
	[ 'ewhc-fam-2024-306.xml', 2024, 306, 'ewhc/fam/2024/306', '[2024] EWHC 306 (Fam)',
	  '2024-02-21', '2026-01-22T09:58:18', 'nj' ],
	[ 'ewca-civ-2025-673.xml', 2025, 673, 'ewca/civ/2025/673', '[2025] EWCA Civ 673',
	  '2025-05-23', '2025-05-23T09:03:35', 'tortoise' ],
);

sub slurp {
	my ($p) = @_;
	open(my $f, '<:raw', $p) or die "$p: $!\n";
	local $/;
	my $s = <$f>;
	close($f);
	return $s;
}

# i -> a suffix of letters only (tokens are [a-z0-9] runs; letters keep the
# party word one token).
sub letters {
	my ($i) = @_;
	my $a = 'bcdfghjkmnpqrstvwxyz';
	my $s = '';
	do { $s .= substr($a, $i % 20, 1); $i = int($i / 20); } while ($i > 0);
	return $s;
}

mkdir $out unless -d $out;
my @text = map { slurp("$src/$_->[0]") } @fx;
my $k = 0;
for (my $i = 0; $i < $n; $i++) {
	$k = $i % @fx;
	my ($file, $y0, $n0, $p0, $c0, $d0, $t0, $party) = @{ $fx[$k] };
	my $j = int($i / @fx);
	my $y1 = 2001 + $j % 24;
	my $n1 = 10000 + $k * $n + $j;
	(my $p1 = $p0) =~ s{/$y0/$n0$}{/$y1/$n1};
	(my $c1 = $c0) =~ s{^\[$y0\]}{[$y1]};
	$c1 =~ s{ $n0( \(|$)}{ $n1$1};
	my $d1 = sprintf('%04d-%02d-%02d', $y1, 1 + $j % 12, 1 + $j % 28);
	my $t1 = sprintf('2026-%02d-%02dT%02d:%02d:%02d', 1 + $j % 12, 1 + $j % 28,
	    $j % 24, $j % 60, ($j * 7) % 60);
	my $sfx = letters($j);
	my $x = $text[$k];
	$x =~ s{\Q$c0\E}{$c1}g;
	$x =~ s{/\Q$p0\E(?![0-9])}{/$p1}g;
	$x =~ s{<uk:year>$y0</uk:year>}{<uk:year>$y1</uk:year>};
	$x =~ s{<uk:number>$n0</uk:number>}{<uk:number>$n1</uk:number>};
	$x =~ s{<FRBRnumber value="$n0"}{<FRBRnumber value="$n1"};
	$x =~ s{\s*<uk:hash>[^<]*</uk:hash>}{};
	$x =~ s{\Q$t0\E}{$t1}g;
	$x =~ s{\Q$d0\E}{$d1}g;
	# The party word, in the text between tags and in attribute values
	# (showAs, refersTo): ASCII case kept as found.
	$x =~ s{\b($party)\b}{$1$sfx}gi;
	$x =~ s{(<judgmentBody\b.*?\bthe)\b}{$1$sfx}s;
	my $name = sprintf('%s/j%05d-%s', $out, $i, $file);
	open(my $o, '>:raw', $name) or die "$name: $!\n";
	print $o $x;
	close($o) or die "$name: $!\n";
}
