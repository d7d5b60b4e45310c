using Yibao.Application.Disclosure;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.Disclosure;

/// <summary>预决算公开检查 for any signed-in staff member.</summary>
public sealed class CheckModel(CheckUploadedDisclosureHandler upload, CheckDisclosure checker, IDisclosureReportRenderer renderer, TimeProvider clock)
    : DisclosureCheckPage(upload, checker, renderer, clock);
