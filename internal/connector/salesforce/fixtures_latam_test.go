package salesforce

import (
	"bytes"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// generateLatamMixed is the weekly Data Export of a Colombian-Peruvian
// distributor whose org exports Windows-1252, as real ones arrive: most
// lines are Windows-1252 (ó as 0xF3), but records that integrations, data
// loader fixes and mail merges pasted in were written as UTF-8 (BOGOTÁ as
// C3 81), line by line, and one account migrated from an old ERP keeps a
// byte of the DOS code page 850 (ü as 0x81, which Windows-1252 leaves
// undefined).
func generateLatamMixed() *fixtureExport {
	o := newSmallOrg(5712, time.Date(2026, 5, 3, 2, 0, 0, 0, time.UTC), "andina-suministros.example")
	// The org chart lives in the roles, as in many real orgs: ManagerId is
	// empty but for one rep. Two directors hold the leadership role the
	// country managers' roles hang under; the Peruvian country manager's
	// reps are not users of the CRM.
	leadership := o.addRole("Dirección Comercial LatAm", "")
	managerRole := o.addRole("Jefe de Ventas Bogotá", leadership)
	peruRole := o.addRole("Gerente País Perú", leadership)
	repRole := o.addRole("Ejecutivo de Cuentas", managerRole)
	valentina := o.user("Valentina", "Ríos Ochoa", "Directora Comercial LatAm", leadership, "", day(2018, 8, 6).Add(13*time.Hour))
	o.user("Rodrigo", "Salazar Vega", "Director Comercial LatAm", leadership, "", day(2019, 2, 4).Add(13*time.Hour))
	// The country managers share the sales management mailbox.
	andres := o.userWithEmail("Andrés", "Cárdenas", "Jefe de Ventas", managerRole, "gerencia.ventas", day(2021, 1, 11).Add(13*time.Hour))
	o.userWithEmail("Lucía", "Quispe Mamani", "Gerente País Perú", peruRole, "gerencia.ventas", day(2022, 6, 1).Add(13*time.Hour))
	camila := o.user("Camila", "Muñoz Téllez", "Ejecutiva de Cuentas", repRole, "", day(2023, 3, 1).Add(13*time.Hour))
	// Provisioned by the identity-management integration: UTF-8, and the
	// one user with a ManagerId.
	julian := o.user("Julián", "Peñaloza", "Ejecutivo de Cuentas", repRole, andres, day(2025, 9, 15).Add(13*time.Hour))
	pastedAsUTF8(o.users)

	condor := o.account("Ferretería El Cóndor S.A.S.", "Camila", "Bogotá", "Colombia", "Hernán", "Quiñones", 12e6)
	pacifico := o.account("Distribuidora Pacífico Ltda.", "Julián", "Cali", "Colombia", "Rocío", "Guzmán", 7.5e6)
	// Loaded by a data-loader fix that wrote city and name in capitals,
	// as UTF-8.
	tequendama := o.account("COMERCIALIZADORA TEQUENDAMA", "Camila", "BOGOTÁ", "Colombia", "Iván", "Sáenz", 3.2e6)
	pastedAsUTF8(o.accounts)
	minera := o.account("Minería Andina S.A.C.", "Julián", "Lima", "Perú", "Martín", "Huamán", 48e6)
	// Migrated from an ERP that exported code page 850: its ü (0x81) came
	// through as the byte, which Windows-1252 does not define.
	muller := o.account("Importadora Müller Hnos.", "Andrés", "Medellín", "Colombia", "Günter", "Müller", 9e6)
	lastRow(o.accounts).rewrite = rowBytes{from: []byte{0xFC}, to: []byte{0x81}}

	task := func(owner string, a smallAccount, subject, subtype, taskType string, due, completed time.Time) {
		o.task(owner, a, subject, subtype, taskType, "Normal", "Completed", due, completed, 0, "")
	}
	task(camila, condor, "Llamada: revisión de pedido", "Call", "Call", day(2026, 4, 6), at(4, 6, 15, 10))
	task(julian, pacifico, "Enviar cotización – Pacífico", "Task", "Other", day(2026, 4, 8), at(4, 8, 21, 0))
	// Sent by a mail merge that logs its emails as UTF-8.
	task(julian, pacifico, "Email: Cotización – Distribuidora Pacífico", "Email", "Email", day(2026, 4, 9), at(4, 9, 14, 2))
	pastedAsUTF8(o.tasks)
	task(camila, tequendama, "Visita técnica: bodega Fontibón", "Task", "Other", day(2026, 4, 14), at(4, 14, 22, 30))
	task(andres, muller, "Conciliación de cartera", "Task", "Other", day(2026, 4, 20), at(4, 20, 16, 45))

	event := func(owner string, a *smallAccount, subject string, start time.Time, minutes int, invitees ...string) {
		o.event(owner, a, subject, "Oficina Bogotá", start, minutes, invitees...)
	}
	event(andres, nil, "Reunión semanal de ventas", at(4, 6, 13, 0), 60, camila, julian)
	event(andres, nil, "Reunión 1:1 con Camila", at(4, 7, 14, 0), 30, camila)
	event(julian, &minera, "Presentación a Minería Andina", at(4, 15, 15, 0), 90)
	event(valentina, nil, "Comité regional – revisión de pronóstico", at(4, 21, 12, 0), 90, andres)

	style := dataExportStyle
	style.name, style.windows1252 = "Data Export (Windows-1252, some lines UTF-8)", true
	return &fixtureExport{dir: "latam-mixed", style: style,
		tables: []*sfTable{o.roles, o.users, o.accounts, o.contacts, o.opportunities, o.tasks, o.events, o.eventRelations}}
}

// userWithEmail is a user whose address is mailbox@ the org's domain, not
// their own.
func (o *smallOrg) userWithEmail(first, last, title, roleID, mailbox string, created time.Time) string {
	r := o.addUser(userSpec{first: first, last: last, title: title, department: "Sales",
		email: mailbox + "@" + o.domain, roleID: roleID, active: true,
		locale: "es_ES", timeZone: "America/Bogota", created: created,
		lastLogin: o.exportedAt.Add(-20 * time.Hour)})
	id := r.values["Id"].(string)
	o.userIDs[first] = id
	return id
}

func lastRow(t *sfTable) *sfRow { return t.rows[len(t.rows)-1] }

// pastedAsUTF8 marks the last row of t as written in UTF-8.
func pastedAsUTF8(t *sfTable) { lastRow(t).rewrite.utf8 = true }

// expectedDecoding is how the connector must say each file was decoded,
// from how the generator wrote each row: a line with non-ASCII bytes
// counts as UTF-8 in a row pasted as UTF-8, as Windows-1252 otherwise, and
// every byte another code page wrote is a C1 byte kept.
func (e *fixtureExport) expectedDecoding() map[string]plugin.Decoding {
	want := map[string]plugin.Decoding{}
	for _, t := range e.tables {
		data, starts := t.render(e.style)
		var d plugin.Decoding
		for i, text := range bytes.SplitAfter(data, []byte{'\n'}) {
			row := rowAtLine(t, starts, int64(i+1))
			switch {
			case bytes.IndexFunc(text, func(r rune) bool { return r >= 0x80 }) < 0:
			case row != nil && row.rewrite.utf8:
				d.UTF8Lines++
			default:
				d.SingleByteLines++
				d.SingleByte = "windows-1252"
			}
			if row != nil && row.rewrite.to != nil {
				d.C1Kept += int64(bytes.Count(text, row.rewrite.to))
			}
		}
		want[t.name] = d
	}
	return want
}

// rowAtLine is the row that holds a line of the file, nil for the header.
func rowAtLine(t *sfTable, starts []int64, line int64) *sfRow {
	var row *sfRow
	for i, start := range starts {
		if start <= line {
			row = t.rows[i]
		}
	}
	return row
}
