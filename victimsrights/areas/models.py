from django.db import models


class Force(models.Model):
    """A police force: owns areas and the crime-number prefix."""

    code = models.SlugField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    crime_number_prefix = models.CharField(max_length=8, unique=True)

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A Basic Command Unit (BCU), the unit a recording queue and a Victims' Plan belong to."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="areas")
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Borough(models.Model):
    """A local authority district; resolves to the BCU that polices it."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="boroughs")
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SafePlaceKind(models.TextChoices):
    SARC = "sarc", "Sexual Assault Referral Centre"
    RAPE_CRISIS = "rape_crisis", "Rape Crisis centre"
    WOMENS_AID = "womens_aid", "Women's Aid service"
    REFUGE = "refuge", "Refuge"
    CHARITY = "charity", "Victims' charity"


class SafePlaceOrganisation(models.Model):
    """A partner organisation where victims can report without going to a police station."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=SafePlaceKind.choices)
    areas = models.ManyToManyField(Area, related_name="safe_places")
    contact_email = models.EmailField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
