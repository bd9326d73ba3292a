/*
 * The courts and tribunals Casegate knows, written from the court list of
 * the Find Case Law spec (ds-caselaw-utils court_names.yaml, as tabulated in
 * the fixtures' courts.tsv). Columns: the uk:court code, the display name
 * (the Atom entry author), the canonical URL parameter, extra accepted
 * parameters, court or tribunal, and the leading path of the NCN slug.
 * A C table, not SQL: it is read on every feed request and never changes
 * without a release.
 */
#include <stddef.h>

#include "judgments.h"

const struct court courts[] = {
	{ "UKSC", "United Kingdom Supreme Court", "uksc", "", 0, "uksc" },
	{ "UKPC", "Privy Council", "ukpc", "", 0, "ukpc" },
	{ "EWCA-Civil", "Court of Appeal (Civil Division)", "ewca/civ", "", 0, "ewca/civ" },
	{ "EWCA-Criminal", "Court of Appeal (Criminal Division)", "ewca/crim", "", 0, "ewca/crim" },
	{ "EWHC", "High Court", "", "", 0, "" },
	{ "EWHC-QBD-Admin", "High Court (Administrative Court)", "ewhc/admin", "", 0, "ewhc/admin" },
	{ "EWHC-KBD-Admin", "High Court (Administrative Court)", "ewhc/admin", "", 0, "ewhc/admin" },
	{ "EWHC-QBD-Admiralty", "High Court (Admiralty Division)", "ewhc/admlty", "", 0, "ewhc/admlty" },
	{ "EWHC-KBD-Admiralty", "High Court (Admiralty Division)", "ewhc/admlty", "", 0, "ewhc/admlty" },
	{ "EWHC-QBD-BusinessAndProperty", "High Court (Business and Property Courts)", "", "", 0, "" },
	{ "EWHC-KBD-BusinessAndProperty", "High Courts (Business and Property Courts)", "", "", 0, "" },
	{ "EWHC-Chancery-BusinessAndProperty", "High Court (Business and Property Courts)", "", "", 0, "ewhc/ch" },
	{ "EWHC-Chancery-Business", "High Court (Business List)", "", "", 0, "ewhc/ch" },
	{ "EWHC-Chancery-Appeals", "Chancery Appeals", "", "", 0, "ewhc/ch" },
	{ "EWHC-Chancery", "High Court (Chancery Division)", "ewhc/ch", "", 0, "ewhc/ch" },
	{ "EWHC-QBD-Commercial-Circuit", "High Court (Circuit Commercial Court)", "", "", 0, "ewhc/comm" },
	{ "EWHC-KBD-Commercial-Circuit", "High Court (Circuit Commercial Court)", "", "", 0, "ewhc/comm" },
	{ "EWHC-QBD-Commercial", "High Court (Commercial Court)", "ewhc/comm", "", 0, "ewhc/comm" },
	{ "EWHC-KBD-Commercial", "High Court (Commercial Court)", "ewhc/comm", "", 0, "ewhc/comm" },
	{ "EWHC-Family", "High Court (Family Division)", "ewhc/fam", "", 0, "ewhc/fam" },
	{ "EWHC-QBD-Commercial-Financial", "High Court (Financial List)", "", "", 0, "ewhc/comm" },
	{ "EWHC-KBD-Commercial-Financial", "High Court (Financial List)", "", "", 0, "ewhc/comm" },
	{ "EWHC-Chancery-Financial", "High Court (Financial List)", "", "", 0, "ewhc/ch" },
	{ "EWHC-Chancery-InsolvencyAndCompanies", "High Court (Insolvency and Companies List)", "", "", 0, "ewhc/ch" },
	{ "EWHC-Chancery-IPEC", "High Court (Intellectual Property Enterprise Court)", "ewhc/ipec", "", 0, "ewhc/ipec" },
	{ "EWHC-Chancery-IntellectualProperty", "High Court (Intellectual Property List)", "", "", 0, "ewhc/ch" },
	{ "TNA-EWHC-KBQBD", "High Court (King's / Queen's Bench Division)", "ewhc/kb", "ewhc/qb", 0, "ewhc/kb" },
	{ "EWHC-KBD", "High Court (King's Bench Division)", "ewhc/kb", "", 0, "ewhc/kb" },
	{ "EWHC-Mercantile", "High Court (Mercantile Court)", "ewhc/mercantile", "", 0, "ewhc/mercantile" },
	{ "EWHC-Chancery-Patents", "High Court (Patents Court)", "ewhc/pat", "", 0, "ewhc/pat" },
	{ "EWHC-QBD", "High Court (Queen's Bench Division)", "ewhc/qb", "", 0, "ewhc/qb" },
	{ "EWHC-QBD-Planning", "High Court (Planning Court)", "", "", 0, "ewhc/admin" },
	{ "EWHC-KBD-Planning", "High Court (Planning Court)", "", "", 0, "ewhc/admin" },
	{ "EWHC-Chancery-PropertyTrustsProbate", "High Court (Property, Trusts and Probate List)", "", "", 0, "ewhc/ch" },
	{ "EWHC-SeniorCourtsCosts", "High Court (Senior Court Costs Office)", "ewhc/scco", "ewhc/costs", 0, "ewhc/scco" },
	{ "EWHC-QBD-TCC", "High Court (Technology and Construction Court)", "ewhc/tcc", "", 0, "ewhc/tcc" },
	{ "EWHC-KBD-TCC", "High Court (Technology and Construction Court)", "ewhc/tcc", "", 0, "ewhc/tcc" },
	{ "EWCR", "Crown Court", "ewcr", "", 0, "ewcr" },
	{ "EWCC", "County Court", "ewcc", "", 0, "ewcc" },
	{ "EWFC", "Family Court", "ewfc", "", 0, "ewfc" },
	{ "EWFC-B", "Family Court (B - district and circuit judges)", "ewfc/b", "", 0, "ewfc/b" },
	{ "EWCOP", "Court of Protection", "ewcop", "", 0, "ewcop" },
	{ "EWCOP-T1", "Court of Protection (Tier 1 - district judges)", "ewcop/t1", "", 0, "ewcop/t1" },
	{ "EWCOP-T2", "Court of Protection (Tier 2 - circuit judges)", "ewcop/t2", "", 0, "ewcop/t2" },
	{ "EWCOP-T3", "Court of Protection (Tier 3 - high court judges)", "ewcop/t3", "", 0, "ewcop/t3" },
	{ "UKIPT", "Investigatory Powers Tribunal", "ukiptrib", "", 1, "ukiptrib" },
	{ "SIAC", "Special Immigration Appeals Commission", "siac", "", 1, "" },
	{ "POAC", "Proscribed Organisations Appeal Commission", "poac", "", 1, "" },
	{ "PAAC", "Pathogens Access Appeal Commission", "paac", "", 1, "" },
	{ "EAT", "Employment Appeal Tribunal", "eat", "", 1, "eat" },
	{ "UKUT-AAC", "Upper Tribunal (Administrative Appeals Chamber)", "ukut/aac", "", 1, "ukut/aac" },
	{ "UKUT-IAC", "Upper Tribunal (Immigration and Asylum Chamber)", "ukut/iac", "ukait", 1, "ukut/iac" },
	{ "UKAIT", "Asylum & Immigration Tribunal", "ukait", "", 1, "ukait" },
	{ "UKUT-LC", "Upper Tribunal (Lands Chamber)", "ukut/lc", "", 1, "ukut/lc" },
	{ "UKUT-TCC", "Upper Tribunal (Tax and Chancery Chamber)", "ukut/tcc", "", 1, "ukut/tcc" },
	{ "UKFTT-HESC", "Care Standards", "ukftt/hesc", "", 1, "ukftt/hesc" },
	{ "ET", "First-tier Tribunal (Employment Tribunal)", "", "", 1, "" },
	{ "UKFTT-GRC", "First-tier Tribunal (General Regulatory Chamber)", "ukftt/grc", "", 1, "ukftt/grc" },
	{ "UKFTT-IAC", "First-tier Tribunal (Immigration and Asylum Chamber)", "ukftt/iac", "", 1, "" },
	{ "UKFTT-TC", "First-tier Tribunal (Tax Chamber)", "ukftt/tc", "", 1, "ukftt/tc" },
	{ "FTT-PC", "Land Registration Division (Property Chamber)", "ftt/pc", "", 1, "ukftt/pc" },
	{ "FTT-PHL", "Primary Health Lists", "ftt/phl", "", 1, "" },
	{ "FTT-Claims", "Claims Management Services Tribunal", "ftt/claims", "", 1, "" },
	{ "UKFTT-Credit", "Consumer Credit Appeals Tribunal", "ukftt/credit", "", 1, "" },
	{ "UKFTT-Estate", "Estate Agents Tribunal", "ukftt/estate", "", 1, "" },
	{ "UKFSMT", "Financial Services Tribunal", "ukfsmt", "", 1, "" },
	{ "UKIT", "Information Tribunal", "ukit", "", 1, "" },
	{ "UKIST", "Immigration Services Tribunal", "ukist", "", 1, "" },
	{ "UKPRT", "Pensions Regulator Tribunal", "ukprt", "", 1, "" },
	{ "UKSPC", "Special Commissioners of Income Tax", "ukspc", "", 1, "" },
	{ "FTT-Transport", "Transport Tribunal", "ftt/transport", "", 1, "" },
	{ "UKVAT", "VAT and Duties Tribunal", "ukvat", "", 1, "" },
};

const size_t ncourts = sizeof(courts) / sizeof(courts[0]);
