using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Yibao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Enrollment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "enrollments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    insutype = table.Column<int>(type: "integer", nullable: false),
                    psn_type = table.Column<int>(type: "integer", nullable: false),
                    employer_id = table.Column<long>(type: "bigint", nullable: true),
                    begndate = table.Column<DateOnly>(type: "date", nullable: false),
                    enddate = table.Column<DateOnly>(type: "date", nullable: true),
                    psn_insu_stas = table.Column<int>(type: "integer", nullable: false),
                    termination_reason = table.Column<int>(type: "integer", nullable: true),
                    first_contribution_date = table.Column<DateOnly>(type: "date", nullable: true),
                    carried_contribution_months = table.Column<int>(type: "integer", nullable: false),
                    transfer_area_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollments", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrollments_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enrollments_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_special_statuses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_id = table.Column<long>(type: "bigint", nullable: false),
                    psn_idet_type = table.Column<int>(type: "integer", nullable: false),
                    begntime = table.Column<DateOnly>(type: "date", nullable: false),
                    endtime = table.Column<DateOnly>(type: "date", nullable: true),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_special_statuses", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_special_statuses_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "waiting_period_rules",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    insuplc_admdvs = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    insutype = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_to = table.Column<DateOnly>(type: "date", nullable: true),
                    requires_contribution = table.Column<bool>(type: "boolean", nullable: false),
                    waiting_months_after_late_first_contribution = table.Column<int>(type: "integer", nullable: false),
                    waiting_months_after_interruption = table.Column<int>(type: "integer", nullable: false),
                    interruption_grace_months = table.Column<int>(type: "integer", nullable: false),
                    exempt_statuses = table.Column<int[]>(type: "integer[]", nullable: false),
                    exempt_categories = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_period_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "enrollment_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    enrollment_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false),
                    psn_type = table.Column<int>(type: "integer", nullable: true),
                    memo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollment_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrollment_events_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_enrollment_events_enrollment_id_sequence",
                table: "enrollment_events",
                columns: new[] { "enrollment_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_employer_id_psn_insu_stas",
                table: "enrollments",
                columns: new[] { "employer_id", "psn_insu_stas" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_person_id_insutype",
                table: "enrollments",
                columns: new[] { "person_id", "insutype" });

            migrationBuilder.CreateIndex(
                name: "ix_person_special_statuses_person_id_psn_idet_type",
                table: "person_special_statuses",
                columns: new[] { "person_id", "psn_idet_type" });

            migrationBuilder.CreateIndex(
                name: "ix_person_special_statuses_psn_idet_type_begntime",
                table: "person_special_statuses",
                columns: new[] { "psn_idet_type", "begntime" });

            migrationBuilder.CreateIndex(
                name: "ix_waiting_period_rules_insuplc_admdvs_insutype_effective_from",
                table: "waiting_period_rules",
                columns: new[] { "insuplc_admdvs", "insutype", "effective_from" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrollment_events");

            migrationBuilder.DropTable(
                name: "person_special_statuses");

            migrationBuilder.DropTable(
                name: "waiting_period_rules");

            migrationBuilder.DropTable(
                name: "enrollments");
        }
    }
}
