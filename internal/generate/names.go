package generate

import "strings"

// The made-up world: sales regions, the people in them and the companies
// they sell to. No word here may be one of the audit's classification
// keywords, since names end up in subjects (the test checks it).

type place struct{ city, country string }

type region struct {
	name string
	// langs is weighted by repetition: the languages the region's teams
	// write in.
	langs  []string
	places []place
	// areas name the teams of the region.
	areas    []string
	timeZone string
	locale   string
}

var regions = []region{
	{"Benelux", []string{"nl", "nl", "nl", "en", "fr"},
		[]place{{"Rotterdam", "Netherlands"}, {"Antwerpen", "Belgium"}, {"Eindhoven", "Netherlands"}, {"Gent", "Belgium"}, {"Utrecht", "Netherlands"}, {"Brussel", "Belgium"}},
		[]string{"Noord", "Zuid", "Randstad", "Vlaanderen", "Oost", "West"}, "Europe/Amsterdam", "nl_NL"},
	{"DACH", []string{"de"},
		[]place{{"München", "Germany"}, {"Hamburg", "Germany"}, {"Wien", "Austria"}, {"Zürich", "Switzerland"}, {"Stuttgart", "Germany"}, {"Köln", "Germany"}},
		[]string{"Nord", "Süd", "West", "Ost", "Mitte", "Alpen"}, "Europe/Berlin", "de_DE"},
	{"France", []string{"fr"},
		[]place{{"Paris", "France"}, {"Lyon", "France"}, {"Marseille", "France"}, {"Toulouse", "France"}, {"Bordeaux", "France"}, {"Lille", "France"}},
		[]string{"Île-de-France", "Nord", "Sud-Ouest", "Rhône-Alpes", "Grand Est", "Méditerranée"}, "Europe/Paris", "fr_FR"},
	{"Iberia", []string{"es", "es", "pt"},
		[]place{{"Madrid", "Spain"}, {"Barcelona", "Spain"}, {"Valencia", "Spain"}, {"Sevilla", "Spain"}, {"Lisboa", "Portugal"}, {"Porto", "Portugal"}},
		[]string{"Centro", "Norte", "Levante", "Sur", "Cataluña", "Portugal"}, "Europe/Madrid", "es_ES"},
	{"UK & Ireland", []string{"en"},
		[]place{{"Manchester", "United Kingdom"}, {"London", "United Kingdom"}, {"Birmingham", "United Kingdom"}, {"Leeds", "United Kingdom"}, {"Dublin", "Ireland"}, {"Glasgow", "United Kingdom"}},
		[]string{"North", "South", "Midlands", "Scotland", "Ireland", "London"}, "Europe/London", "en_GB"},
	{"Brazil", []string{"pt"},
		[]place{{"São Paulo", "Brazil"}, {"Rio de Janeiro", "Brazil"}, {"Belo Horizonte", "Brazil"}, {"Curitiba", "Brazil"}, {"Porto Alegre", "Brazil"}, {"Recife", "Brazil"}},
		[]string{"Sudeste", "Sul", "Nordeste", "Centro-Oeste", "Interior", "Capital"}, "America/Sao_Paulo", "pt_BR"},
	{"Mexico", []string{"es"},
		[]place{{"Ciudad de México", "Mexico"}, {"Guadalajara", "Mexico"}, {"Monterrey", "Mexico"}, {"Puebla", "Mexico"}, {"Querétaro", "Mexico"}, {"Tijuana", "Mexico"}},
		[]string{"Norte", "Centro", "Bajío", "Occidente", "Sureste", "Golfo"}, "America/Mexico_City", "es_MX"},
}

var firstNames = map[string][]string{
	"en": {"Oliver", "Charlotte", "Harry", "Emily", "George", "Niamh", "Liam", "Aoife", "Jack", "Hannah", "Seán", "Grace", "Sarah", "Tom", "Priya", "Ryan", "Declan", "Ciara", "James", "Amelia"},
	"nl": {"Jeroen", "Marieke", "Koen", "Anouk", "Wouter", "Femke", "Ruben", "Inge", "Joris", "Sofie", "Thijs", "Eline", "Bram", "Lotte", "Daan", "Noor", "Sanne", "Pieter", "Emma", "Jasper"},
	"de": {"Stefan", "Claudia", "Andreas", "Katrin", "Michael", "Julia", "Thomas", "Sabine", "Matthias", "Anja", "Florian", "Birgit", "Markus", "Lena", "Felix", "Tobias", "Sophie", "Jan", "Jürgen", "Günther"},
	"fr": {"Pierre", "Isabelle", "Luc", "Camille", "Hugo", "Chloé", "Julien", "Manon", "Nicolas", "Léa", "Antoine", "Élodie", "Thomas", "Céline", "Mathieu", "Inès", "François", "Margaux"},
	"es": {"Carlos", "María", "Pedro", "Ana", "Javier", "Lucía", "Miguel", "Carmen", "Pablo", "Elena", "Diego", "Marta", "Sergio", "Laura", "Álvaro", "Nuria", "Andrés", "Paula"},
	"pt": {"João", "Sofia", "Beatriz", "Miguel", "Inês", "Tiago", "Mariana", "Rui", "Catarina", "Gonçalo", "Ana", "Luís", "Rafaela", "Bruno", "Joana", "Felipe", "Larissa", "Thiago"},
}

var lastNames = map[string][]string{
	"en": {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Murphy", "Kelly", "Evans", "Roberts", "Walker", "O'Brien", "Gallagher", "Mitchell", "Byrne", "Hughes", "Walsh", "Shah", "Cooper", "Whitaker", "Patel"},
	"nl": {"Janssens", "de Jong", "Vermeulen", "van den Berg", "Willems", "Hendriks", "Maes", "Dekker", "Verhoeven", "Peters", "Bos", "Wouters", "Bakker", "Mulder", "Smit", "Peeters", "Claes", "de Graaf", "de Vries", "Visser"},
	"de": {"Becker", "Fischer", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Zimmermann", "Braun", "Krüger", "Weber", "Hoffmann", "Schneider", "Wagner", "Schulz", "Keller", "Müller", "Meyer"},
	"fr": {"Moreau", "Laurent", "Girard", "Bernard", "Dubois", "Lefèvre", "Martin", "Petit", "Durand", "Leroy", "Roux", "Fournier", "Lambert", "Fontaine", "Chevalier", "Rousseau", "Blanc", "Garnier"},
	"es": {"García", "Martínez", "López", "Sánchez", "Fernández", "Morales", "González", "Rodríguez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres"},
	"pt": {"Silva", "Santos", "Ferreira", "Rodrigues", "Carvalho", "Oliveira", "Costa", "Pereira", "Almeida", "Sousa", "Gomes", "Lopes", "Marques", "Ribeiro", "Martins", "Barbosa", "Teixeira", "Moreira"},
}

var industryWords = map[string][]string{
	"en": {"Engineering", "Freight Services", "Foods", "Automotive Components", "Plastics", "Steel Fabrications", "Packaging", "Chemicals", "Instruments", "Marine", "Building Supplies", "Pharma Manufacturing", "Textiles", "Subsea", "Water Services"},
	"nl": {"Staalbouw", "Logistiek", "Verpakkingen", "Bouwmaterialen", "Transport", "Installatietechniek", "Koeltechniek", "Metaalwerken", "Zuivel", "Precisietechniek", "Agri Foods", "Offshore", "Houtbouw"},
	"de": {"Maschinenbau", "Präzision", "Antriebstechnik", "Hafenlogistik", "Holzindustrie", "Kunststoffe", "Verkehrstechnik", "Glaswerke", "Lagertechnik", "Fahrzeugtechnik", "Papierfabrik", "Optik", "Kältetechnik"},
	"fr": {"Mécanique", "Emballages", "Logistique", "Aéro Composants", "Agroalimentaire", "Industrie", "Plasturgie", "Métallurgie", "Transports", "Bâtiment", "Chimie"},
	"es": {"Aceros", "Construcciones", "Plásticos", "Transportes", "Alimentación", "Cerámica", "Pesca", "Envases", "Maquinaria", "Energía Eólica", "Químicos"},
	"pt": {"Têxtil", "Energia", "Indústria", "Metalurgia", "Embalagens", "Alimentos", "Transportes", "Cerâmica", "Madeiras", "Química"},
}

var legalSuffixes = map[string][]string{
	"en": {"Ltd", "Ltd", "plc"},
	"nl": {"B.V.", "B.V.", "N.V."},
	"de": {"GmbH", "GmbH", "AG"},
	"fr": {"SA", "SAS", "SARL"},
	"es": {"S.A.", "S.L."},
	"pt": {"Lda.", "S.A.", "Ltda."},
}

// dialCodes are the countries' telephone prefixes.
var dialCodes = map[string]string{
	"Netherlands": "+31", "Belgium": "+32", "Germany": "+49", "Austria": "+43", "Switzerland": "+41",
	"France": "+33", "Spain": "+34", "Portugal": "+351", "United Kingdom": "+44", "Ireland": "+353",
	"Brazil": "+55", "Mexico": "+52",
}

var industries = []string{"Manufacturing", "Transportation", "Chemicals", "Energy", "Food & Beverage",
	"Construction", "Healthcare", "Retail", "Utilities", "Electronics"}

var contactTitles = []string{"Purchasing Manager", "Head of Procurement", "Plant Manager", "Operations Director",
	"Maintenance Lead", "CFO", "Supply Chain Manager", "Facility Manager"}

var products = []string{"Pallet racking", "Safety equipment", "MRO supplies contract", "Conveyor spare parts",
	"Hydraulic tools", "Packaging consumables", "Welding supplies", "Maintenance framework agreement"}

var competitors = []string{"Würth", "RS Components", "Grainger", "local distributor"}

// company is a customer's or prospect's name, and the short form people
// use in subjects.
type company struct{ name, short string }

func newCompany(r rng, lang string, reg *region) company {
	var lead string
	if r.chance(0.5) {
		lead = pick(r, reg.places).city
	} else {
		lead = pick(r, lastNames[lang])
	}
	short := lead + " " + pick(r, industryWords[lang])
	return company{name: short + " " + pick(r, legalSuffixes[lang]), short: short}
}

// asciiFold drops accents, for e-mail addresses, user names and API
// names.
var asciiFold = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss",
	"á", "a", "à", "a", "â", "a", "ã", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ï", "i", "î", "i", "ó", "o", "ô", "o", "õ", "o", "ú", "u", "û", "u",
	"ñ", "n", "ç", "c", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ñ", "N", "Ç", "C", "Á", "A", "Î", "I",
)

// squeeze drops what an e-mail address cannot hold.
var squeeze = strings.NewReplacer("'", "", " ", "", "&", "")

func emailLocal(first, last string) string {
	return strings.ToLower(squeeze.Replace(asciiFold.Replace(first) + "." + asciiFold.Replace(last)))
}

// aliasOf is Salesforce's default alias: the first letter of the first
// name and the last name, at most eight characters.
func aliasOf(first, last string) string {
	alias := strings.ToLower(squeeze.Replace(asciiFold.Replace(firstRune(first) + last)))
	if len(alias) > 8 {
		alias = alias[:8]
	}
	return alias
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

// domainOf is a company's web domain.
func domainOf(short string) string {
	words := strings.Fields(asciiFold.Replace(short))
	if len(words) == 0 {
		return "example.com"
	}
	return strings.ToLower(squeeze.Replace(words[0])) + ".example"
}
